"""What every area shares: access policies, errors, time, database types, security headers."""

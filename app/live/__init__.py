"""Live games: host-paced quiz games for a whole hall."""

"""Users, roles, regions, institutions and classes."""

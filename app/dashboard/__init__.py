"""Dashboards for organizers and teachers: read-only figures composed from every area."""

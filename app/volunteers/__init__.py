"""Volunteer recruitment: eligibility, applications with consent, the review pipeline, activities."""

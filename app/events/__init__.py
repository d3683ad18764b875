"""Events: sessions, lectures, contests and volunteer actions, with tamper-proof check-in."""

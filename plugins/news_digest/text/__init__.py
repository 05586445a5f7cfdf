"""Small shared text utilities; imports nothing of ours."""

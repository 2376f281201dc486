"""Advice: the recommender, its flags, role suggestions, explanations and the wording of all of them."""

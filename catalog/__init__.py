"""Career-advisor domain: taxonomy, catalogue store, recommender and flags (no Rasa imports)."""

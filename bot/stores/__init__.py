"""Rasa-side stores: the tracker store that can forget a learner."""

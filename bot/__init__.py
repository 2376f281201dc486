"""Rasa-server side of the career adviser: NLU components, channels and service glue."""

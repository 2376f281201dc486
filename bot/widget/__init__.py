"""The learner-facing chat widget (static page + ``serve.py``); see ``serve.py``."""

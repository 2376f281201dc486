"""rasa-sdk custom actions: thin adapters between the tracker and the ``catalog`` domain package."""

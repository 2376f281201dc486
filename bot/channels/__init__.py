"""Rasa channels and their renderers: one renderer per channel turns the neutral replies into what it shows.

Actions send channel-neutral messages (text, buttons, and the ``pathway`` custom payload; see
docs/replies.md). REST passes them on as they are (that is the contract); ``socketio_renderer`` and
``slack_renderer`` turn them into widget messages and Block Kit. The renderers import no Rasa code, so
they are tested as plain functions; the channel modules plug them into Rasa's output channels.
"""

"""The counsellors' console: a case queue, case pages with live transcripts, claim, reply, hand back, resolve."""

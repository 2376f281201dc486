"""Reading a learner's words: skill and role mentions, constraints, profile changes, step references."""

/// The `Redaction` module (see README, "Architecture"). Placeholder until its issue lands.
public enum RedactionModule {}

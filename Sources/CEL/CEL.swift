/// The `CEL` module (see README, "Architecture"). Placeholder until its issue lands.
public enum CELModule {}

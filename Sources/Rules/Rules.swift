/// The `Rules` module (see README, "Architecture"). Placeholder until its issue lands.
public enum RulesModule {}

/// The `Store` module (see README, "Architecture"). Placeholder until its issue lands.
public enum StoreModule {}

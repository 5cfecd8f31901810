/// The `Detection` module (see README, "Architecture"). Placeholder until its issue lands.
public enum DetectionModule {}

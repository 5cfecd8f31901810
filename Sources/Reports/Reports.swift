/// The `Reports` module (see README, "Architecture"). Placeholder until its issue lands.
public enum ReportsModule {}

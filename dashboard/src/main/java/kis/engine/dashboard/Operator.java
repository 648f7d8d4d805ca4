package kis.engine.dashboard;

/** Who asked for a control action; free text from the {@code X-Operator} header, kept short. */
public record Operator(String name) {
  private static final int MAX = 64;

  public Operator {
    if (name == null || name.isBlank()) {
      name = "operator";
    }
    name = name.strip().replaceAll("[^\\p{Alnum}@._ -]", "_");
    if (name.length() > MAX) {
      name = name.substring(0, MAX);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}

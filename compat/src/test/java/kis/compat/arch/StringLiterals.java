package kis.compat.arch;

import java.util.ArrayList;
import java.util.List;

/**
 * The string literals of a Java source file, with their lines: comments are skipped, character
 * literals and escapes are honoured, text blocks count as literals. Enough Java lexing to tell a
 * {@code "KRX"} in code from one in a comment, no more.
 */
final class StringLiterals {
  /** A literal's value as written (escapes not decoded) and the line it starts on. */
  record Literal(String text, int line) {}

  private StringLiterals() {}

  static List<Literal> of(String source) {
    List<Literal> out = new ArrayList<>();
    int line = 1;
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (source.startsWith("//", i)) {
        while (i < n && source.charAt(i) != '\n') {
          i++;
        }
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        line += count(source, i, end);
        i = end;
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        while (end > 0 && source.charAt(end - 1) == '\\') {
          end = source.indexOf("\"\"\"", end + 1);
        }
        end = end < 0 ? n : end;
        out.add(new Literal(source.substring(i + 3, end), line));
        line += count(source, i, end);
        i = Math.min(n, end + 3);
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
          j += source.charAt(j) == '\\' ? 2 : 1;
        }
        if (c == '"') {
          out.add(new Literal(source.substring(i + 1, Math.min(j, n)), line));
        }
        i = j + 1;
      } else {
        i++;
      }
    }
    return out;
  }

  private static int count(String s, int from, int to) {
    int k = 0;
    for (int i = from; i < to; i++) {
      if (s.charAt(i) == '\n') {
        k++;
      }
    }
    return k;
  }
}

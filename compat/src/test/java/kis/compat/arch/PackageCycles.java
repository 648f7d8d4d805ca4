package kis.compat.arch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cycles of a package graph, as its strongly connected components (each a set of packages
 * that all reach one another; a package alone is no cycle). A component stands for every cycle
 * inside it, so a list of components is finite and exact where a list of elementary cycles would
 * not be: a new cycle either makes a new component or grows an existing one.
 */
final class PackageCycles {
  private PackageCycles() {}

  /** The components with more than one package, each sorted, in a sorted list. */
  static List<Set<String>> components(Map<String, Map<String, String>> graph) {
    return new Tarjan(graph).run();
  }

  /**
   * One shortest cycle through {@code component}, starting at its first package, with an example
   * class dependency for each step: the message that names the cycle.
   */
  static String describe(Set<String> component, Map<String, Map<String, String>> graph) {
    String start = component.iterator().next();
    Map<String, String> cameFrom = new HashMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    String last = null;
    while (!queue.isEmpty() && last == null) {
      String p = queue.poll();
      for (String next : graph.getOrDefault(p, Map.of()).keySet()) {
        if (!component.contains(next)) {
          continue;
        }
        if (next.equals(start)) {
          last = p;
          break;
        }
        if (!cameFrom.containsKey(next)) {
          cameFrom.put(next, p);
          queue.add(next);
        }
      }
    }
    List<String> path = new ArrayList<>();
    for (String p = last; p != null && !p.equals(start); p = cameFrom.get(p)) {
      path.add(p);
    }
    path.add(start);
    Collections.reverse(path);
    path.add(start);
    StringBuilder b = new StringBuilder(String.join(" -> ", path));
    for (int i = 0; i + 1 < path.size(); i++) {
      b.append("\n      ").append(graph.get(path.get(i)).get(path.get(i + 1)));
    }
    return b.toString();
  }

  /** Every edge between two packages of {@code component}, with its example class dependency. */
  static String edges(Set<String> component, Map<String, Map<String, String>> graph) {
    StringBuilder b = new StringBuilder();
    for (String from : component) {
      graph.getOrDefault(from, Map.of()).forEach((to, example) -> {
        if (component.contains(to)) {
          b.append("\n      ").append(from).append(" -> ").append(to).append(" (").append(example).append(')');
        }
      });
    }
    return b.toString();
  }

  /** Tarjan's algorithm, iterative over the sorted graph so the result does not depend on hash order. */
  private static final class Tarjan {
    private final Map<String, Map<String, String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final Deque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<Set<String>> found = new ArrayList<>();
    private int next;

    Tarjan(Map<String, Map<String, String>> graph) {
      this.graph = graph;
    }

    List<Set<String>> run() {
      for (String p : MainClasses.packages(graph)) {
        if (!index.containsKey(p)) {
          visit(p);
        }
      }
      found.sort((a, b) -> String.join(",", a).compareTo(String.join(",", b)));
      return found;
    }

    private void visit(String root) {
      // Each frame: a package and the iterator over its successors.
      Deque<Map.Entry<String, java.util.Iterator<String>>> frames = new ArrayDeque<>();
      enter(root, frames);
      while (!frames.isEmpty()) {
        Map.Entry<String, java.util.Iterator<String>> top = frames.peek();
        String v = top.getKey();
        if (top.getValue().hasNext()) {
          String w = top.getValue().next();
          if (!index.containsKey(w)) {
            enter(w, frames);
          } else if (onStack.contains(w)) {
            low.put(v, Math.min(low.get(v), index.get(w)));
          }
          continue;
        }
        frames.pop();
        if (!frames.isEmpty()) {
          String parent = frames.peek().getKey();
          low.put(parent, Math.min(low.get(parent), low.get(v)));
        }
        if (low.get(v).equals(index.get(v))) {
          Set<String> component = new TreeSet<>();
          String w;
          do {
            w = stack.pop();
            onStack.remove(w);
            component.add(w);
          } while (!w.equals(v));
          if (component.size() > 1) {
            found.add(component);
          }
        }
      }
    }

    private void enter(String v, Deque<Map.Entry<String, java.util.Iterator<String>>> frames) {
      index.put(v, next);
      low.put(v, next);
      next++;
      stack.push(v);
      onStack.add(v);
      frames.push(new java.util.AbstractMap.SimpleEntry<>(v,
          new ArrayList<>(graph.getOrDefault(v, new LinkedHashMap<>()).keySet()).iterator()));
    }
  }
}

package kis.journal.state;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An immutable map from strings to values, in the keys' natural order (the order of the
 * {@code TreeMap} it replaces), held as two sorted arrays. The fold's open orders and positions:
 * a handful of entries, read on every market event and replaced on every order event.
 *
 * <p>Why: the fold copied a {@code TreeMap} for every order event, and every reader went through
 * {@code Collections.unmodifiableMap}, whose calls into the wrapped map (shared by every such
 * wrapper in the JVM) the compiler cannot inline; a strategy asking "any open orders?" on every bar
 * paid two virtual calls for it. A change here copies two small arrays. It equals, hashes and
 * prints as any map of the same entries, and serializes as one; every mutator throws.
 */
final class SortedArrayMap<V> extends AbstractMap<String, V> {
  private static final SortedArrayMap<?> EMPTY = new SortedArrayMap<>(new String[0], new Object[0]);

  private final String[] keys;
  private final Object[] values;

  private SortedArrayMap(String[] keys, Object[] values) {
    this.keys = keys;
    this.values = values;
  }

  @SuppressWarnings("unchecked")
  static <V> SortedArrayMap<V> empty() {
    return (SortedArrayMap<V>) EMPTY;
  }

  /** {@code m} itself if it is one, else its entries in key order. */
  static <V> SortedArrayMap<V> of(Map<String, V> m) {
    if (m instanceof SortedArrayMap<V> s) {
      return s;
    }
    if (m.isEmpty()) {
      return empty();
    }
    String[] k = m.keySet().toArray(new String[0]);
    Arrays.sort(k); // natural order; a null key throws, as TreeMap would
    Object[] v = new Object[k.length];
    for (int i = 0; i < k.length; i++) {
      v[i] = m.get(k[i]);
      if (i > 0 && k[i].equals(k[i - 1])) {
        throw new IllegalArgumentException("duplicate key " + k[i]);
      }
    }
    return new SortedArrayMap<>(k, v);
  }

  /** This map with {@code key} mapped to {@code value} (added, or replacing its value). */
  SortedArrayMap<V> with(String key, V value) {
    int i = indexOf(key);
    if (i >= 0) {
      Object[] v = values.clone();
      v[i] = value;
      return new SortedArrayMap<>(keys, v); // same keys: the array is shared, never written
    }
    int at = -i - 1;
    String[] k = new String[keys.length + 1];
    Object[] v = new Object[keys.length + 1];
    System.arraycopy(keys, 0, k, 0, at);
    System.arraycopy(values, 0, v, 0, at);
    k[at] = key;
    v[at] = value;
    System.arraycopy(keys, at, k, at + 1, keys.length - at);
    System.arraycopy(values, at, v, at + 1, keys.length - at);
    return new SortedArrayMap<>(k, v);
  }

  /** This map without {@code key} (the same entries if it has none). */
  SortedArrayMap<V> without(String key) {
    int i = indexOf(key);
    if (i < 0) {
      return this;
    }
    if (keys.length == 1) {
      return empty();
    }
    String[] k = new String[keys.length - 1];
    Object[] v = new Object[keys.length - 1];
    System.arraycopy(keys, 0, k, 0, i);
    System.arraycopy(values, 0, v, 0, i);
    System.arraycopy(keys, i + 1, k, i, keys.length - i - 1);
    System.arraycopy(values, i + 1, v, i, keys.length - i - 1);
    return new SortedArrayMap<>(k, v);
  }

  /** The index of {@code key}, or {@code -(insertion point) - 1}, as {@link Arrays#binarySearch}. */
  private int indexOf(String key) {
    int lo = 0;
    int hi = keys.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = keys[mid].compareTo(key); // a null key throws, as TreeMap's get
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -(lo + 1);
  }

  @Override
  public int size() {
    return keys.length;
  }

  @Override
  public boolean isEmpty() {
    return keys.length == 0;
  }

  @Override
  @SuppressWarnings("unchecked")
  public V get(Object key) {
    int i = indexOf((String) key);
    return i >= 0 ? (V) values[i] : null;
  }

  @Override
  public boolean containsKey(Object key) {
    return indexOf((String) key) >= 0;
  }

  @Override
  public Collection<V> values() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<V> iterator() {
        return new Walk<>(values);
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }

  @Override
  public Set<String> keySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        return new Walk<>(keys);
      }

      @Override
      public int size() {
        return keys.length;
      }

      @Override
      public boolean contains(Object o) {
        return containsKey(o);
      }
    };
  }

  @Override
  public Set<Map.Entry<String, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Map.Entry<String, V>> iterator() {
        return new Iterator<>() {
          private int next;

          @Override
          public boolean hasNext() {
            return next < keys.length;
          }

          @Override
          @SuppressWarnings("unchecked")
          public Map.Entry<String, V> next() {
            if (next >= keys.length) {
              throw new NoSuchElementException();
            }
            int i = next++;
            return new AbstractMap.SimpleImmutableEntry<>(keys[i], (V) values[i]);
          }
        };
      }

      @Override
      public int size() {
        return keys.length;
      }
    };
  }

  /** An iterator over one of the arrays, in order; {@code remove} throws. */
  private static final class Walk<T> implements Iterator<T> {
    private final Object[] items;
    private int next;

    Walk(Object[] items) {
      this.items = items;
    }

    @Override
    public boolean hasNext() {
      return next < items.length;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
      if (next >= items.length) {
        throw new NoSuchElementException();
      }
      return (T) items[next++];
    }
  }
}

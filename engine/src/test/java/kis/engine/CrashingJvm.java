package kis.engine;

import java.lang.reflect.Field;
import java.nio.file.Path;

/**
 * A child JVM for {@link CrashFilesTest}: prints what {@link CrashFiles#advice} says for the data
 * dir in {@code args[0]}, then dies in native code as LevelDB's write would on a full disk (a
 * write to an unmapped address), so HotSpot writes its crash file.
 */
public final class CrashingJvm {
  private CrashingJvm() {}

  public static void main(String[] args) throws Exception {
    System.out.println("advice: " + CrashFiles.advice(Path.of(args[0])).orElse("none"));
    System.out.flush();
    Field f = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
    f.setAccessible(true);
    Object unsafe = f.get(null);
    unsafe.getClass().getMethod("putAddress", long.class, long.class).invoke(unsafe, 0L, 42L);
    System.out.println("still alive");
  }
}

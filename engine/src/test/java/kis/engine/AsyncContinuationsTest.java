package kis.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On two cores the engine's async continuations run on the common pool's threads, not on a new
 * thread each; larger hosts and an operator's own pool size are left as they are.
 */
class AsyncContinuationsTest {
  @TempDir Path dir;

  @Test
  void aTwoCoreHostGetsACommonPoolOfTwo() {
    Properties p = new Properties();
    AsyncContinuations.onCommonPool(p, 2);
    assertEquals("2", p.getProperty(AsyncContinuations.PARALLELISM));
    Properties one = new Properties();
    AsyncContinuations.onCommonPool(one, 1);
    assertEquals("2", one.getProperty(AsyncContinuations.PARALLELISM));
  }

  @Test
  void aHostOfThreeCoresOrMoreKeepsTheJdkDefault() {
    Properties p = new Properties();
    AsyncContinuations.onCommonPool(p, 3);
    assertNull(p.getProperty(AsyncContinuations.PARALLELISM));
  }

  @Test
  void anOperatorsPoolSizeIsKept() {
    Properties p = new Properties();
    p.setProperty(AsyncContinuations.PARALLELISM, "1");
    AsyncContinuations.onCommonPool(p, 2);
    assertEquals("1", p.getProperty(AsyncContinuations.PARALLELISM));
  }

  @Test
  void onTwoCoresAsyncStepsReuseThePoolsThreadsInsteadOfANewThreadEach() throws Exception {
    ChildJvm sized = probe("sized");
    assertEquals(0, sized.exit(), sized.output());
    assertTrue(sized.output().contains("step ran on ForkJoinPool.commonPool-worker-"), sized.output());
    assertFalse(sized.output().contains("step ran on Thread-"), sized.output());
    // What the call fixes: the JDK's default on two cores, a thread per step.
    ChildJvm jdk = probe("jdk-default");
    assertEquals(0, jdk.exit(), jdk.output());
    assertTrue(jdk.output().contains("step ran on Thread-0") && jdk.output().contains("step ran on Thread-1"),
        jdk.output());
  }

  private ChildJvm probe(String mode) throws Exception {
    String classpath = String.join(File.pathSeparator, location(AsyncContinuations.class),
        location(AsyncProbeMain.class));
    return ChildJvm.java(dir, "-XX:ActiveProcessorCount=2", "-cp", classpath, AsyncProbeMain.class.getName(), mode);
  }

  private static String location(Class<?> c) throws Exception {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}

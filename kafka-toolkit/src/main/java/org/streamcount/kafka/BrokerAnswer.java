package org.streamcount.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.errors.AuthenticationException;

/**
 * Whether a broker answers: it describes a cluster with at least one node (an open port alone is
 * not a ready broker). Asked before any work starts, and while a job runs.
 */
public final class BrokerAnswer {
  /** How long one question may take. */
  private static final int ASK_MILLIS = 3_000;

  private static final long PAUSE_MILLIS = 250;

  private BrokerAnswer() {}

  /**
   * @return null when the broker answered; else why not
   */
  public static Throwable ask(Admin admin) throws InterruptedException {
    try {
      Collection<Node> nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(ASK_MILLIS))
              .nodes()
              .get(ASK_MILLIS + 1_000, TimeUnit.MILLISECONDS);
      return nodes.isEmpty() ? new IllegalStateException("the cluster has no broker yet") : null;
    } catch (ExecutionException e) {
      return e.getCause() == null ? e : e.getCause();
    } catch (TimeoutException e) {
      return new TimeoutException("no answer within " + ASK_MILLIS / 1000 + " s");
    }
  }

  /**
   * Asks until the broker answers or {@code wait} has passed. Refused credentials end the wait at
   * once: asking again will not change them.
   *
   * @param stillWaiting run every {@code noticeEvery} while there is no answer (to say so)
   * @return null once the broker answered; else the last reason (an {@link AuthenticationException}
   *     when it refused the credentials)
   */
  public static Throwable await(
      Admin admin, Duration wait, Duration noticeEvery, Runnable stillWaiting)
      throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    long nextNotice = System.nanoTime() + noticeEvery.toNanos();
    while (true) {
      Throwable why = ask(admin);
      if (why == null || why instanceof AuthenticationException || System.nanoTime() >= deadline) {
        return why;
      }
      if (System.nanoTime() >= nextNotice) {
        stillWaiting.run();
        nextNotice = System.nanoTime() + noticeEvery.toNanos();
      }
      Thread.sleep(PAUSE_MILLIS);
    }
  }
}

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Serves MongoDB's wire protocol with mongo-java-server, for machines where no mongod can be
 * installed. Usage: {@code MongoStandIn <memory | h2:<file>> <host> <port>}.
 *
 * <p>{@code memory} keeps nothing (tests, the bench); {@code h2:<file>} keeps the databases in one
 * H2 MVStore file that survives a restart ({@code npm start}). H2 commits about once a second, so
 * a {@code kill -9} can lose the last second of acknowledged writes: only rebuildable views live
 * here, never write-side state.
 */
public final class MongoStandIn {
  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: MongoStandIn <memory | h2:<file>> <host> <port>");
      System.exit(2);
    }
    MongoBackend backend = args[0].equals("memory")
        ? new MemoryBackend()
        : new H2Backend(args[0].substring("h2:".length()));
    MongoServer server = new MongoServer(backend);
    server.bind(args[1], Integer.parseInt(args[2]));
    // SIGTERM or SIGINT: stop listening, then close the backend so H2 commits what it holds.
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    System.out.println("mongo-java-server (" + args[0] + ") listening on " + args[1] + ":" + args[2]);
  }
}

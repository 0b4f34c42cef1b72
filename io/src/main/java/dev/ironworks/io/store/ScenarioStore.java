package dev.ironworks.io.store;

import dev.ironworks.io.yaml.Excerpt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Saved scenarios, their cached plans and the runs (simulations, sweeps) made of them, in one
 * embedded DuckDB file. Every write is a committed transaction before the method returns: DuckDB
 * writes it to its write-ahead log and syncs it, so a saved scenario survives the process being
 * killed at any moment after. One process holds the file at a time (DuckDB locks it).
 */
public final class ScenarioStore implements AutoCloseable {
  /** The database file inside a data directory. */
  public static final String FILE_NAME = "ironworks.duckdb";

  /** The longest scenario text kept, in characters. */
  public static final int MAX_YAML_CHARS = 1_000_000;

  /**
   * The longest id looked up. Ids the store makes are far shorter (a slug of at most 64 characters
   * and a counter; run ids of a few dozen), so a longer one names nothing and is not sent to
   * DuckDB, whose index keys have a size limit.
   */
  public static final int MAX_ID_CHARS = 128;

  /**
   * The longest request text kept whole with a run; a longer one is kept as its length and SHA-256
   * digest, so that large bodies do not grow the store.
   */
  public static final int MAX_REQUEST_CHARS = 16 * 1024;

  /** Finished runs kept of each kind: starting a run removes the oldest finished ones past this. */
  public static final int RUNS_KEPT_PER_KIND = 1_000;

  private final Connection connection;
  private final Path file;
  private final int runsKeptPerKind;

  /** A saved scenario. {@code version} starts at 1 and grows by one with each update. */
  public record Scenario(
      String id, String name, String yaml, Instant createdAt, Instant updatedAt, long version) {}

  /** One saved version of a scenario: every save is kept, also after the scenario is deleted. */
  public record Version(String id, long version, String name, String yaml, Instant savedAt) {}

  /** A simulation or sweep, its state and, once finished, its result (JSON) or error. */
  public record Run(
      String id,
      String kind,
      String status,
      String request,
      String resultJson,
      String error,
      Instant createdAt,
      Instant finishedAt) {}

  private ScenarioStore(Connection connection, Path file, int runsKeptPerKind) {
    this.connection = connection;
    this.file = file;
    this.runsKeptPerKind = runsKeptPerKind;
  }

  /** Opens (creating when absent) the store in {@code dataDir}. */
  public static ScenarioStore open(Path dataDir) {
    return open(dataDir, RUNS_KEPT_PER_KIND);
  }

  /** {@link #open(Path)} keeping {@code runsKeptPerKind} finished runs of each kind. */
  static ScenarioStore open(Path dataDir, int runsKeptPerKind) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
      ScenarioStore store = new ScenarioStore(c, file, runsKeptPerKind);
      store.createTables();
      return store;
    } catch (SQLException e) {
      throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  public Path file() {
    return file;
  }

  private void createTables() throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(
          "create table if not exists scenarios (id varchar primary key, name varchar not null,"
              + " yaml varchar not null, created_at timestamp not null,"
              + " updated_at timestamp not null, version bigint not null)");
      s.execute(
          "create table if not exists plans (scenario_id varchar not null, version bigint not"
              + " null, plan_json varchar not null, created_at timestamp not null,"
              + " primary key (scenario_id, version))");
      s.execute(
          "create table if not exists runs (id varchar primary key, kind varchar not null,"
              + " status varchar not null, request varchar not null, result_json varchar,"
              + " error varchar, created_at timestamp not null, finished_at timestamp)");
      s.execute("create table if not exists meta (key varchar primary key, value varchar)");
      // Every text ever saved, by id and version: an update or a delete loses no saved text.
      s.execute(
          "create table if not exists scenario_versions (id varchar not null, version bigint not"
              + " null, name varchar not null, yaml varchar not null, saved_at timestamp not null,"
              + " primary key (id, version))");
      s.execute(
          "insert into scenario_versions select id, version, name, yaml, updated_at from scenarios"
              + " s where not exists (select 1 from scenario_versions v where v.id = s.id and"
              + " v.version = s.version)");
      s.execute("checkpoint");
    }
  }

  /** Whether the store has been seeded with the shipped examples (done once, on first start). */
  public synchronized boolean seeded() {
    return meta("seeded").isPresent();
  }

  /** A scenario to seed a new store with. */
  public record Seed(String id, String name, String yaml) {}

  /** Saves the examples as scenarios and marks the store seeded, in one transaction. */
  public synchronized void seed(List<Seed> examples) {
    inTransaction(
        () -> {
          for (Seed e : examples) {
            if (find(e.id()).isEmpty()) {
              insert(e.id(), e.name(), e.yaml(), Instant.now());
            }
          }
          try (PreparedStatement p =
              connection.prepareStatement("insert into meta values ('seeded', ?)")) {
            p.setString(1, Instant.now().toString());
            p.executeUpdate();
          }
          return null;
        });
  }

  private Optional<String> meta(String key) {
    try (PreparedStatement p =
        connection.prepareStatement("select value from meta where key = ?")) {
      p.setString(1, key);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw fail("read meta", e);
    }
  }

  /** Every saved scenario, by name then id, without their text. */
  public synchronized List<Scenario> list() {
    List<Scenario> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet r =
            s.executeQuery(
                "select id, name, '' as yaml, created_at, updated_at, version from scenarios"
                    + " order by lower(name), id")) {
      while (r.next()) {
        out.add(scenario(r));
      }
    } catch (SQLException e) {
      throw fail("list scenarios", e);
    }
    return out;
  }

  public synchronized Optional<Scenario> find(String id) {
    if (!lookable(id)) {
      return Optional.empty();
    }
    try (PreparedStatement p =
        connection.prepareStatement(
            "select id, name, yaml, created_at, updated_at, version from scenarios where id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(scenario(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw fail("read scenario " + Excerpt.of(id), e);
    }
  }

  /** Saves a new scenario under an id made from its name (made unique), committed on return. */
  public synchronized Scenario create(String name, String yaml) {
    checkSize(yaml);
    return inTransaction(
        () -> {
          String base = slug(name);
          String id = base;
          for (int n = 2; taken(id); n++) {
            id = base + "-" + n;
          }
          insert(id, name, yaml, Instant.now());
          return find(id).orElseThrow();
        });
  }

  /**
   * Replaces a scenario's text and name; the version grows by one. When {@code expectedVersion} is
   * given and the saved version differs, nothing changes and the result is empty (someone else
   * saved in between).
   */
  public synchronized Optional<Scenario> update(
      String id, String name, String yaml, Optional<Long> expectedVersion) {
    checkSize(yaml);
    return inTransaction(
        () -> {
          Optional<Scenario> old = find(id);
          if (old.isEmpty()) {
            throw new NotFound("no saved scenario '" + Excerpt.of(id) + "'");
          }
          if (expectedVersion.isPresent() && expectedVersion.get() != old.get().version()) {
            return Optional.empty();
          }
          Instant now = Instant.now();
          try (PreparedStatement p =
              connection.prepareStatement(
                  "update scenarios set name = ?, yaml = ?, updated_at = ?, version = version + 1"
                      + " where id = ?")) {
            p.setString(1, name);
            p.setString(2, yaml);
            p.setTimestamp(3, Timestamp.from(now));
            p.setString(4, id);
            p.executeUpdate();
          }
          keep(id, old.get().version() + 1, name, yaml, now);
          return find(id);
        });
  }

  /**
   * Deletes a scenario and its cached plans; false when there was none. Its saved versions stay
   * ({@link #versions}), and its id is not given to another scenario.
   */
  public synchronized boolean delete(String id) {
    if (!lookable(id)) {
      return false;
    }
    return inTransaction(
        () -> {
          try (PreparedStatement plans =
                  connection.prepareStatement("delete from plans where scenario_id = ?");
              PreparedStatement p =
                  connection.prepareStatement("delete from scenarios where id = ?")) {
            plans.setString(1, id);
            plans.executeUpdate();
            p.setString(1, id);
            return p.executeUpdate() > 0;
          }
        });
  }

  /** The cached plan JSON of a scenario's version, if planned before. */
  public synchronized Optional<String> plan(String scenarioId, long version) {
    if (!lookable(scenarioId)) {
      return Optional.empty();
    }
    try (PreparedStatement p =
        connection.prepareStatement(
            "select plan_json from plans where scenario_id = ? and version = ?")) {
      p.setString(1, scenarioId);
      p.setLong(2, version);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw fail("read plan", e);
    }
  }

  /** Caches the plan JSON of a scenario's version; older versions' plans are dropped. */
  public synchronized void savePlan(String scenarioId, long version, String planJson) {
    inTransaction(
        () -> {
          try (PreparedStatement d =
                  connection.prepareStatement("delete from plans where scenario_id = ?");
              PreparedStatement p =
                  connection.prepareStatement("insert into plans values (?, ?, ?, ?)")) {
            d.setString(1, scenarioId);
            d.executeUpdate();
            p.setString(1, scenarioId);
            p.setLong(2, version);
            p.setString(3, planJson);
            p.setTimestamp(4, Timestamp.from(Instant.now()));
            p.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Records a run as started, with its request (whole up to {@link #MAX_REQUEST_CHARS}, else its
   * length and digest), and removes the oldest finished runs of its kind past those kept.
   */
  public synchronized void startRun(String id, String kind, String request) {
    inTransaction(
        () -> {
          try (PreparedStatement p =
                  connection.prepareStatement(
                      "insert into runs values (?, ?, 'running', ?, null, null, ?, null)");
              PreparedStatement prune =
                  connection.prepareStatement(
                      "delete from runs where id in (select id from runs where kind = ? and"
                          + " status <> 'running' order by created_at desc, id desc offset ?)")) {
            p.setString(1, id);
            p.setString(2, kind);
            p.setString(3, kept(request));
            p.setTimestamp(4, Timestamp.from(Instant.now()));
            p.executeUpdate();
            prune.setString(1, kind);
            prune.setInt(2, runsKeptPerKind);
            prune.executeUpdate();
          }
          return null;
        });
  }

  /** A request as a run keeps it: whole when short, else "N characters, sha256 HEX". */
  static String kept(String request) {
    if (request.length() <= MAX_REQUEST_CHARS) {
      return request;
    }
    try {
      byte[] digest =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(request.getBytes(StandardCharsets.UTF_8));
      return String.format(
          Locale.ROOT,
          "(not kept: %,d characters, sha256 %s)",
          request.length(),
          HexFormat.of().formatHex(digest));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** Records how a run ended: status done, failed or cancelled, with its result or error. */
  public synchronized void finishRun(String id, String status, String resultJson, String error) {
    inTransaction(
        () -> {
          try (PreparedStatement p =
              connection.prepareStatement(
                  "update runs set status = ?, result_json = ?, error = ?, finished_at = ?"
                      + " where id = ?")) {
            p.setString(1, status);
            p.setString(2, resultJson);
            p.setString(3, error);
            p.setTimestamp(4, Timestamp.from(Instant.now()));
            p.setString(5, id);
            p.executeUpdate();
          }
          return null;
        });
  }

  public synchronized Optional<Run> run(String id) {
    if (!lookable(id)) {
      return Optional.empty();
    }
    try (PreparedStatement p =
        connection.prepareStatement(
            "select id, kind, status, request, result_json, error, created_at, finished_at"
                + " from runs where id = ?")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next()) {
          return Optional.empty();
        }
        Timestamp finished = r.getTimestamp(8);
        return Optional.of(
            new Run(
                r.getString(1),
                r.getString(2),
                r.getString(3),
                r.getString(4),
                r.getString(5),
                r.getString(6),
                r.getTimestamp(7).toInstant(),
                finished == null ? null : finished.toInstant()));
      }
    } catch (SQLException e) {
      throw fail("read run " + Excerpt.of(id), e);
    }
  }

  /**
   * Marks runs left running by a process that stopped (killed, or closed mid-run) as failed: they
   * cannot be resumed. Returns how many.
   */
  public synchronized int abandonRunning() {
    return inTransaction(
        () -> {
          try (PreparedStatement p =
              connection.prepareStatement(
                  "update runs set status = 'failed', error = 'the server stopped during the run',"
                      + " finished_at = ? where status = 'running'")) {
            p.setTimestamp(1, Timestamp.from(Instant.now()));
            return p.executeUpdate();
          }
        });
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw fail("close", e);
    }
  }

  private void insert(String id, String name, String yaml, Instant now) throws SQLException {
    try (PreparedStatement p =
        connection.prepareStatement("insert into scenarios values (?, ?, ?, ?, ?, 1)")) {
      p.setString(1, id);
      p.setString(2, name);
      p.setString(3, yaml);
      p.setTimestamp(4, Timestamp.from(now));
      p.setTimestamp(5, Timestamp.from(now));
      p.executeUpdate();
    }
    keep(id, 1, name, yaml, now);
  }

  private void keep(String id, long version, String name, String yaml, Instant now)
      throws SQLException {
    try (PreparedStatement p =
        connection.prepareStatement("insert into scenario_versions values (?, ?, ?, ?, ?)")) {
      p.setString(1, id);
      p.setLong(2, version);
      p.setString(3, name);
      p.setString(4, yaml);
      p.setTimestamp(5, Timestamp.from(now));
      p.executeUpdate();
    }
  }

  /** An id is taken while a scenario has it, and for good once any version was saved under it. */
  private boolean taken(String id) throws SQLException {
    if (find(id).isPresent()) {
      return true;
    }
    try (PreparedStatement p =
        connection.prepareStatement("select 1 from scenario_versions where id = ? limit 1")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  /**
   * Every saved version of scenario {@code id}, newest first, without their text; also those of a
   * deleted scenario. Empty when nothing was ever saved under the id.
   */
  public synchronized List<Version> versions(String id) {
    List<Version> out = new ArrayList<>();
    if (!lookable(id)) {
      return out;
    }
    try (PreparedStatement p =
        connection.prepareStatement(
            "select id, version, name, '' as yaml, saved_at from scenario_versions where id = ?"
                + " order by version desc")) {
      p.setString(1, id);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(version(r));
        }
      }
    } catch (SQLException e) {
      throw fail("read the versions of " + Excerpt.of(id), e);
    }
    return out;
  }

  /** One saved version of scenario {@code id}, with its text. */
  public synchronized Optional<Version> version(String id, long version) {
    if (!lookable(id)) {
      return Optional.empty();
    }
    try (PreparedStatement p =
        connection.prepareStatement(
            "select id, version, name, yaml, saved_at from scenario_versions where id = ? and"
                + " version = ?")) {
      p.setString(1, id);
      p.setLong(2, version);
      try (ResultSet r = p.executeQuery()) {
        return r.next() ? Optional.of(version(r)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw fail("read version " + version + " of " + Excerpt.of(id), e);
    }
  }

  private static Version version(ResultSet r) throws SQLException {
    return new Version(
        r.getString(1),
        r.getLong(2),
        r.getString(3),
        r.getString(4),
        r.getTimestamp(5).toInstant());
  }

  private static Scenario scenario(ResultSet r) throws SQLException {
    return new Scenario(
        r.getString(1),
        r.getString(2),
        r.getString(3),
        r.getTimestamp(4).toInstant(),
        r.getTimestamp(5).toInstant(),
        r.getLong(6));
  }

  /** Whether an id is short enough to name anything the store holds. */
  private static boolean lookable(String id) {
    return id != null && id.length() <= MAX_ID_CHARS;
  }

  private static void checkSize(String yaml) {
    if (yaml.length() > MAX_YAML_CHARS) {
      throw new IllegalArgumentException(
          "a scenario holds at most " + MAX_YAML_CHARS + " characters, got " + yaml.length());
    }
  }

  /** An id from a name: lower-case letters, digits and dashes, at most 64 characters. */
  public static String slug(String name) {
    String s =
        name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (s.length() > 64) {
      s = s.substring(0, 64).replaceAll("-+$", "");
    }
    return s.isEmpty() ? "scenario" : s;
  }

  @FunctionalInterface
  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run();
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw fail("write", e);
    }
  }

  private StoreException fail(String what, SQLException e) {
    return new StoreException("store " + file + ": cannot " + what + ": " + e.getMessage(), e);
  }

  /** The store could not be read or written. */
  public static final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** No such saved scenario. */
  public static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      super(message);
    }
  }
}

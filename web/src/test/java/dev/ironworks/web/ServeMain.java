package dev.ironworks.web;

import java.nio.file.Path;

/** Runs a server in a JVM of its own for {@link KillTest}: prints "PORT n" once listening. */
public final class ServeMain {
  private ServeMain() {}

  public static void main(String[] args) throws InterruptedException {
    WebServer server = WebServer.start("127.0.0.1", 0, Path.of(args[0]), Limits.DEFAULT);
    System.out.println("PORT " + server.port());
    System.out.flush();
    server.join();
  }
}

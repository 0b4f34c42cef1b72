package dev.ironworks.cli;

import picocli.CommandLine.IVersionProvider;

/** Version text. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"ironworks " + (version == null ? "development" : version)};
  }
}

package io.ays.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code ays --version}: the version in the jar's manifest (the Maven project version). */
public class Version implements IVersionProvider {

  @Override
  public String[] getVersion() {
    String version = Version.class.getPackage().getImplementationVersion();
    return new String[] {"ays " + (version != null ? version : "(development build)")};
  }
}

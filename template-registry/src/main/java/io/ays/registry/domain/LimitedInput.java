package io.ays.registry.domain;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** An upload read up to a limit: reading past it fails, and {@link #exceeded()} says why. */
final class LimitedInput extends FilterInputStream {

  private final long limit;
  private long read;
  private boolean exceeded;

  LimitedInput(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  boolean exceeded() {
    return exceeded;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n > 0) {
      count(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(n);
    count(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void count(long n) throws IOException {
    read += n;
    if (read > limit) {
      exceeded = true;
      throw new IOException("more than " + limit + " bytes");
    }
  }
}

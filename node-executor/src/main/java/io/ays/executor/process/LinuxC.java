package io.ays.executor.process;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few C library calls {@link ChildReaper} needs, through JNA: the JDK has no API for a child
 * subreaper, pidfds or {@code waitid}. Linux on 64-bit only (the sizes below assume it); errno is
 * read with {@link Native#getLastError()} right after a failed call.
 */
interface LinuxC extends Library {

  int PR_SET_CHILD_SUBREAPER = 36;
  long SYS_PIDFD_OPEN = 434; // the same number on x86_64 and aarch64
  int P_PID = 1;
  int P_PIDFD = 3;
  int WNOHANG = 1;
  int WEXITED = 4;
  int CLD_EXITED = 1;
  int EFD_NONBLOCK = 0x800;
  int EFD_CLOEXEC = 0x80000;
  short POLLIN = 1;
  int EINTR = 4;

  /** Size of {@code siginfo_t}, and where waitid writes the fields read here. */
  int SIGINFO_SIZE = 128;

  int SIGINFO_CODE = 8;
  int SIGINFO_PID = 16;
  int SIGINFO_STATUS = 24;

  /** Size of {@code struct pollfd}: int fd, short events, short revents. */
  int POLLFD_SIZE = 8;

  static LinuxC load() {
    return Native.load("c", LinuxC.class);
  }

  int prctl(int option, long arg2, long arg3, long arg4, long arg5);

  long syscall(long number, Object... args);

  int waitid(int idtype, int id, Pointer infop, int options);

  int poll(Pointer fds, long nfds, int timeoutMillis);

  int eventfd(int initval, int flags);

  long read(int fd, Pointer buffer, long count);

  long write(int fd, Pointer buffer, long count);

  int close(int fd);
}

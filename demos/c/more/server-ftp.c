/* server-ftp: the tutorial's small FTP-like file server.  A thread per
 * client serves a file library (a temporary directory) with four
 * commands, each a line:
 *   L            list the files          -> "name size" lines, then "."
 *   G name       get a file              -> "OK size\n" and the bytes, or "ERR ..."
 *   P name size  put a file (bytes follow) -> "OK"
 *   Q            quit
 * Two client processes work at the same time: downloader gets the 512
 * KiB library.bin and checks every byte; uploader puts a 256 KiB file,
 * lists the library and sees it there. */
#include "demo-net.h"
#include "demo-util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define CLIENTS 2
#define LIBRARY_BYTES (512 * 1024)
#define UPLOAD_BYTES (256 * 1024)

static char library[] = "/tmp/weft-ftp-XXXXXX";

static unsigned char
pattern_byte (size_t offset, int seed)
{
  return (unsigned char) ((offset * 131 + seed) & 0xff);
}

static void
recv_exactly (int fd, void *buf, size_t len)
{
  char *at = buf;

  while (len > 0)
    {
      ssize_t got = recv (fd, at, len, 0);
      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        {
          fprintf (stderr, "server-ftp: the connection ended in the middle of a file\n");
          exit (1);
        }
      at += got;
      len -= got;
    }
}

/* ---- the server ---- */

static void
send_listing (int conn)
{
  DIR *dir = opendir (library);
  struct dirent *entry;
  char line[512];

  while (dir && (entry = readdir (dir)))
    {
      struct stat info;
      char path[PATH_MAX];
      if (entry->d_name[0] == '.')
        continue;
      snprintf (path, sizeof path, "%s/%s", library, entry->d_name);
      if (stat (path, &info) == 0)
        demo_send_all (conn, line, snprintf (line, sizeof line, "%s %lld\n", entry->d_name,
                                             (long long) info.st_size));
    }
  if (dir)
    closedir (dir);
  demo_send_all (conn, ".\n", 2);
}

/* Only plain names: a client must not reach outside the library. */
static bool
name_is_safe (const char *name)
{
  return name[0] && name[0] != '.' && !strchr (name, '/');
}

static void
send_file (int conn, const char *name)
{
  char path[PATH_MAX], header[64], chunk[16384];
  struct stat info;
  int fd;
  ssize_t got;

  snprintf (path, sizeof path, "%s/%s", library, name);
  if (!name_is_safe (name) || (fd = open (path, O_RDONLY)) < 0)
    {
      demo_send_all (conn, "ERR no such file\n", 17);
      return;
    }
  fstat (fd, &info);
  demo_send_all (conn, header, snprintf (header, sizeof header, "OK %lld\n", (long long) info.st_size));
  while ((got = read (fd, chunk, sizeof chunk)) > 0)
    {
      demo_send_all (conn, chunk, got);
      demo_sleep_ms (40); /* a slow line, so the class can watch the transfer */
    }
  close (fd);
}

static void
store_file (int conn, const char *name, size_t size)
{
  char path[PATH_MAX], chunk[16384];
  int fd;

  snprintf (path, sizeof path, "%s/%s", library, name);
  fd = name_is_safe (name) ? open (path, O_WRONLY | O_CREAT | O_TRUNC, 0644) : -1;
  while (size > 0)
    {
      size_t part = size < sizeof chunk ? size : sizeof chunk;
      recv_exactly (conn, chunk, part);
      demo_sleep_ms (40); /* a slow disk, so the class can watch the transfer */
      if (fd >= 0 && write (fd, chunk, part) != (ssize_t) part)
        break;
      size -= part;
    }
  if (fd >= 0)
    close (fd);
  demo_send_all (conn, fd >= 0 ? "OK\n" : "ERR bad name\n", fd >= 0 ? 3 : 13);
}

static void *
session (void *arg)
{
  int conn = (int) (intptr_t) arg;
  char line[512], name[256];
  unsigned long long size;

  demo_name_thread ("ftp-session");
  while (demo_recv_line (conn, line, sizeof line) >= 0)
    {
      if (strcmp (line, "L") == 0)
        send_listing (conn);
      else if (sscanf (line, "G %255s", name) == 1)
        {
          demo_say ("ftp-session: sending %s", name);
          send_file (conn, name);
        }
      else if (sscanf (line, "P %255s %llu", name, &size) == 2)
        {
          demo_say ("ftp-session: receiving %s (%llu bytes)", name, size);
          store_file (conn, name, size);
        }
      else if (strcmp (line, "Q") == 0)
        break;
    }
  close (conn);
  return NULL;
}

/* ---- the clients ---- */

static int
downloader (int port, int number)
{
  int fd = demo_connect_tcp (port);
  char header[64];
  unsigned char *data;
  long long size;

  demo_send_all (fd, "G library.bin\n", 14);
  demo_recv_line (fd, header, sizeof header);
  if (sscanf (header, "OK %lld", &size) != 1 || size != LIBRARY_BYTES)
    return 1;
  data = malloc (size);
  recv_exactly (fd, data, size);
  for (long long i = 0; i < size; i++)
    if (data[i] != pattern_byte (i, 7))
      return 1;
  demo_say ("downloader: got library.bin, %lld bytes, every byte right", size);
  demo_send_all (fd, "Q\n", 2);
  close (fd);
  free (data);
  return 0;
}

static int
uploader (int port, int number)
{
  int fd = demo_connect_tcp (port);
  char line[512], header[64];
  unsigned char *data = malloc (UPLOAD_BYTES);
  int seen = 0;

  for (size_t i = 0; i < UPLOAD_BYTES; i++)
    data[i] = pattern_byte (i, 3);
  demo_send_all (fd, header, snprintf (header, sizeof header, "P homework.bin %d\n", UPLOAD_BYTES));
  demo_send_all (fd, data, UPLOAD_BYTES);
  demo_recv_line (fd, line, sizeof line);
  demo_say ("uploader: put homework.bin (%d bytes): %s", UPLOAD_BYTES, line);
  demo_send_all (fd, "L\n", 2);
  while (demo_recv_line (fd, line, sizeof line) >= 0 && strcmp (line, ".") != 0)
    {
      demo_say ("uploader: the library has: %s", line);
      seen += strncmp (line, "homework.bin ", 13) == 0;
    }
  demo_send_all (fd, "Q\n", 2);
  close (fd);
  free (data);
  return seen == 1 ? 0 : 1;
}

static void
make_library (void)
{
  unsigned char *data = malloc (LIBRARY_BYTES);
  char path[PATH_MAX];
  FILE *file;

  if (!mkdtemp (library))
    {
      fprintf (stderr, "server-ftp: cannot create a directory in /tmp (%s); check that /tmp is writable.\n",
               strerror (errno));
      exit (2);
    }
  for (size_t i = 0; i < LIBRARY_BYTES; i++)
    data[i] = pattern_byte (i, 7);
  snprintf (path, sizeof path, "%s/library.bin", library);
  file = fopen (path, "w");
  fwrite (data, 1, LIBRARY_BYTES, file);
  fclose (file);
  snprintf (path, sizeof path, "%s/readme.txt", library);
  file = fopen (path, "w");
  fputs ("Files of the weft FTP demo.\n", file);
  fclose (file);
  free (data);
}

static void
remove_library (void)
{
  static const char *const names[] = { "library.bin", "readme.txt", "homework.bin" };
  char path[PATH_MAX];

  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    {
      snprintf (path, sizeof path, "%s/%s", library, names[i]);
      unlink (path);
    }
  rmdir (library);
}

int
main (void)
{
  int port, listener = demo_listen_tcp (&port);
  pthread_t sessions[CLIENTS];
  int succeeded;

  demo_name_thread ("ftp-server");
  make_library ();
  demo_say ("server: file library %s, listening on 127.0.0.1:%d", library, port);
  demo_start_client ("downloader", downloader, port, 1);
  demo_start_client ("uploader", uploader, port, 2);
  for (int i = 0; i < CLIENTS; i++)
    {
      int conn = accept (listener, NULL, NULL);
      pthread_create (&sessions[i], NULL, session, (void *) (intptr_t) conn);
    }
  for (int i = 0; i < CLIENTS; i++)
    pthread_join (sessions[i], NULL);
  succeeded = demo_wait_children ();
  remove_library ();
  demo_say ("server: %d of %d clients succeeded; library removed", succeeded, CLIENTS);
  return succeeded == CLIENTS ? 0 : 1;
}

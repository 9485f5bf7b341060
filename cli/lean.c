/*
 * lean.c - the few library functions of the everyday `jospar` that need a
 * heavy library: the web server (libmicrohttpd, which brings GnuTLS),
 * iCalendar (libical, which brings ICU and the C++ runtime) and xlsx
 * (libxlsxwriter, which brings OpenSSL and minizip).
 *
 * Binding those libraries costs a process about 6 ms before main(), five
 * times what answering a question costs, so the everyday `jospar` is linked
 * without them and `jospar-full`, built from the same sources with
 * everything, sits beside it.  When a command reaches one of these
 * functions, the process becomes `jospar-full` with the same arguments (same
 * pid, same descriptors) and the command runs again there.  Whatever the
 * command did before the call is read-only or idempotent (it opened the
 * store, read the plan).  `serve` becomes jospar-full before it does
 * anything, so that without jospar-full it fails before it makes the first
 * admin and prints a password no server will take.
 */
#include "cli.h"
#include "consolidated.h"
#include "ics.h"
#include "server.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

JP_NORETURN void cli_become_full(void)
{
	char path[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	char *slash;
	static const char name[] = "jospar-full";

	if (n < 0 || n >= (ssize_t)sizeof(path) - 1) {
		fprintf(stderr, "jospar: cannot find this program's own path: %s\n",
			strerror(n < 0 ? errno : ENAMETOOLONG));
		exit(CLI_ERROR);
	}
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (!slash || (size_t)(slash + 1 - path) + sizeof(name) > sizeof(path)) {
		fprintf(stderr, "jospar: cannot place %s beside '%s'\n", name, path);
		exit(CLI_ERROR);
	}
	memcpy(slash + 1, name, sizeof(name));
	fflush(NULL);
	execv(path, cli_argv);
	fprintf(stderr, "jospar: this command runs in %s, which could not start: %s\n",
		path, strerror(errno));
	exit(CLI_ERROR);
}

int jp_server_start(jp_server **out, const struct jp_server_config *cfg,
		    struct jp_error *err)
{
	(void)out, (void)cfg, (void)err;
	cli_become_full();
}

unsigned jp_server_port(const jp_server *srv)
{
	(void)srv;
	cli_become_full();
}

void jp_server_stop(jp_server *srv)
{
	(void)srv;
	cli_become_full();
}

int jp_ics_write(const struct jp_plan *plan, const struct jp_due_ref *items,
		 size_t n, struct jp_buf *out)
{
	(void)plan, (void)items, (void)n, (void)out;
	cli_become_full();
}

int jp_export_xlsx(const struct jp_consolidated *c, const char *path,
		   struct jp_error *err)
{
	(void)c, (void)path, (void)err;
	cli_become_full();
}

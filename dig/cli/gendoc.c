/*
 * dig/cli/gendoc.c: strata-gendoc, the build-time writer of everything else the option
 * table (dig/cli/options.def) documents, so nothing can drift from `strata --help`:
 *
 *   strata-gendoc man TEMPLATE OUT   the man page: TEMPLATE with @VERSION@, @SYNOPSIS@,
 *                                    @COMMANDS@, @OPTIONS@, @EXCLUDES@ and @EXIT@ lines
 *                                    replaced by roff made from the table
 *   strata-gendoc bash OUT           bash completion (complete -F _strata strata)
 *   strata-gendoc zsh OUT            zsh completion (#compdef strata)
 *
 * Output goes to OUT.tmp and is renamed over OUT, so a failed run leaves the last good
 * file. Not installed: the build runs it (dig/CMakeLists.txt).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <strata/version.h>

#include "dig/cli/options.h"
#include "dig/scan/scan.h"

/* Write s for roff: backslashes and dashes escaped, a leading dot or quote guarded. */
static void roff(FILE *out, const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", out);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", out);
		else if (*s == '-')
			fputs("\\-", out);
		else
			fputc(*s, out);
	}
}

/* The option's argument as help shows it: " DIR", " vocab|all", or "". */
static void opt_arg(const struct strata_option_row *r, char *buf, size_t cap)
{
	if (r->kind == STRATA_KIND_ENUM)
		snprintf(buf, cap, "%s", r->values);
	else
		snprintf(buf, cap, "%s", r->arg);
}

/* The default as typed, with a LIST's words joined by spaces ("" when none to show). */
static void opt_default(enum strata_option id, char *buf, size_t cap)
{
	const struct strata_option_row *r = &strata_option_rows[id];
	size_t used = 0;
	buf[0] = '\0';
	if (r->kind == STRATA_KIND_FLAG || !r->def_len)
		return;
	for (const char *w = r->def; w < r->def + r->def_len && used < cap; w += strlen(w) + 1)
		used += (size_t)snprintf(buf + used, cap - used, "%s%s", used ? " " : "", w);
}

/* "dig, callers, callees, trace": the commands of a set. */
static void cmds_words(unsigned cmds, char *buf, size_t cap)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int c = 1; c < STRATA_CMD_COUNT && used < cap; c++)
		if (cmds & (1u << c))
			used += (size_t)snprintf(buf + used, cap - used, "%s%s", used ? ", " : "", strata_command_rows[c].word);
}

/* Roff for the synopsis: one line per command. */
static void man_synopsis(FILE *out)
{
	for (int c = 1; c < STRATA_CMD_COUNT; c++) {
		const struct strata_command_row *cr = &strata_command_rows[c];
		const char *arg = cr->arg;
		int opt = *arg == '[';
		fprintf(out, ".B strata %s\n[\\fIOPTIONS\\fR]", cr->word);
		if (*arg) {
			size_t n = strlen(arg) - (opt ? 2 : 0);
			fprintf(out, " %s\\fI%.*s\\fR%s", opt ? "[" : "", (int)n, arg + opt, opt ? "]" : "");
		}
		fputs("\n.br\n", out);
	}
}

/* Roff for the commands list. */
static void man_commands(FILE *out)
{
	for (int c = 1; c < STRATA_CMD_COUNT; c++) {
		const struct strata_command_row *cr = &strata_command_rows[c];
		fprintf(out, ".TP\n\\fB%s\\fR", cr->word);
		if (*cr->arg) {
			fputs(" \\fI", out);
			roff(out, cr->arg);
			fputs("\\fR", out);
		}
		fputc('\n', out);
		roff(out, cr->help);
		fputs(".\n", out);
	}
}

/* Roff for the options. */
static void man_options(FILE *out)
{
	for (int id = 0; id < OPT_COUNT; id++) {
		const struct strata_option_row *r = &strata_option_rows[id];
		char arg[64], def[64], cmds[128];
		opt_arg(r, arg, sizeof arg);
		opt_default((enum strata_option)id, def, sizeof def);
		cmds_words(r->cmds, cmds, sizeof cmds);
		fputs(".TP\n", out);
		if (r->shrt)
			fprintf(out, "\\fB\\-%c\\fR, ", r->shrt);
		fputs("\\fB\\-\\-", out);
		roff(out, r->lng);
		fputs("\\fR", out);
		if (*arg) {
			fputs(" \\fI", out);
			roff(out, arg);
			fputs("\\fR", out);
		}
		fputc('\n', out);
		roff(out, r->help);
		if (*def) {
			fputs(" (default: \\fB", out);
			roff(out, def);
			fputs("\\fR)", out);
		}
		fputs(".\n", out);
		if (r->cmds != ON_ALL) {
			fputs("Taken by: ", out);
			roff(out, cmds);
			fputs(".\n", out);
		}
	}
}

/* Roff for the default excludes. */
static void man_excludes(FILE *out)
{
	size_t n;
	const char *const *names = dig_scan_default_excludes(&n);
	for (size_t i = 0; i < n; i++) {
		fputs("\\fB", out);
		roff(out, names[i]);
		fprintf(out, "\\fR%s\n", i + 1 < n ? "," : ".");
	}
}

/* Roff for the exit codes. */
static void man_exits(FILE *out)
{
	for (size_t i = 0; i < strata_exit_count; i++) {
		fprintf(out, ".TP\n.B %d\n", strata_exit_rows[i].code);
		roff(out, strata_exit_rows[i].help);
		fputs(".\n", out);
	}
}

/* The man page: the template with its @...@ lines replaced. */
static int gen_man(const char *template, FILE *out)
{
	FILE *in = fopen(template, "r");
	char line[4096];
	if (!in) {
		fprintf(stderr, "strata-gendoc: %s: %s\n", template, strerror(errno));
		return -1;
	}
	while (fgets(line, sizeof line, in)) {
		char *at = strstr(line, "@VERSION@");
		if (at) {
			fprintf(out, "%.*s%s%s", (int)(at - line), line, STRATA_VERSION_STRING, at + 9);
			continue;
		}
		if (strcmp(line, "@SYNOPSIS@\n") == 0)
			man_synopsis(out);
		else if (strcmp(line, "@COMMANDS@\n") == 0)
			man_commands(out);
		else if (strcmp(line, "@OPTIONS@\n") == 0)
			man_options(out);
		else if (strcmp(line, "@EXCLUDES@\n") == 0)
			man_excludes(out);
		else if (strcmp(line, "@EXIT@\n") == 0)
			man_exits(out);
		else
			fputs(line, out);
	}
	fclose(in);
	return 0;
}

/* The options of a command set as a bash word list. */
static void shell_options(FILE *out, unsigned bit)
{
	int first = 1;
	for (int id = 0; id < OPT_COUNT; id++) {
		const struct strata_option_row *r = &strata_option_rows[id];
		if (!(r->cmds & bit))
			continue;
		if (r->shrt)
			fprintf(out, "%s-%c", first ? "" : " ", r->shrt);
		fprintf(out, "%s--%s", first && !r->shrt ? "" : " ", r->lng);
		first = 0;
	}
}

/* Bash completion. */
static int gen_bash(FILE *out)
{
	fputs("# bash completion for strata, made by strata-gendoc from dig/cli/options.def.\n"
	      "_strata()\n"
	      "{\n"
	      "    local cur=${COMP_WORDS[COMP_CWORD]} prev= cmd= i w\n"
	      "    [ \"$COMP_CWORD\" -gt 0 ] && prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "    COMPREPLY=()\n"
	      "    # the command: the first word that is neither an option nor an option's argument\n"
	      "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
	      "        w=${COMP_WORDS[i]}\n"
	      "        case $w in\n", out);
	fputs("            ", out);
	int first = 1;
	for (int id = 0; id < OPT_COUNT; id++) {
		const struct strata_option_row *r = &strata_option_rows[id];
		if (r->kind == STRATA_KIND_FLAG)
			continue;
		if (r->shrt)
			fprintf(out, "%s-%c", first ? "" : "|", r->shrt);
		fprintf(out, "%s--%s", first && !r->shrt ? "" : "|", r->lng);
		first = 0;
	}
	fputs(") ((i++)) ;;\n"
	      "            -*) ;;\n"
	      "            *) cmd=$w; break ;;\n"
	      "        esac\n"
	      "    done\n"
	      "    case $prev in\n", out);
	for (int id = 0; id < OPT_COUNT; id++) {
		const struct strata_option_row *r = &strata_option_rows[id];
		if (r->kind == STRATA_KIND_FLAG)
			continue;
		fputs("        ", out);
		if (r->shrt)
			fprintf(out, "-%c|", r->shrt);
		fprintf(out, "--%s) ", r->lng);
		if (r->kind == STRATA_KIND_ENUM) {
			fputs("COMPREPLY=($(compgen -W '", out);
			for (const char *p = r->values; *p; p++)
				fputc(*p == '|' ? ' ' : *p, out);
			fputs("' -- \"$cur\")) ;;\n", out);
		} else if (strcmp(r->arg, "DIR") == 0)
			fputs("COMPREPLY=($(compgen -d -- \"$cur\")) ;;\n", out);
		else if (strcmp(r->arg, "FILE") == 0)
			fputs("COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n", out);
		else
			fputs(";;\n", out);
	}
	fputs("        *)\n"
	      "            if [[ $cur == -* ]]; then\n"
	      "                case $cmd in\n", out);
	for (int c = 1; c < STRATA_CMD_COUNT; c++) {
		fprintf(out, "                    %s) COMPREPLY=($(compgen -W '", strata_command_rows[c].word);
		shell_options(out, 1u << c);
		fputs("' -- \"$cur\")) ;;\n", out);
	}
	fputs("                    *) COMPREPLY=($(compgen -W '", out);
	shell_options(out, ON_ALL);
	fputs("' -- \"$cur\")) ;;\n"
	      "                esac\n"
	      "            elif [ -z \"$cmd\" ]; then\n"
	      "                COMPREPLY=($(compgen -W '", out);
	for (int c = 1; c < STRATA_CMD_COUNT; c++)
		fprintf(out, "%s%s", c > 1 ? " " : "", strata_command_rows[c].word);
	fputs("' -- \"$cur\"))\n"
	      "            else\n"
	      "                case $cmd in\n", out);
	for (int c = 1; c < STRATA_CMD_COUNT; c++) {
		const char *arg = strata_command_rows[c].arg;
		fprintf(out, "                    %s) ", strata_command_rows[c].word);
		if (strstr(arg, "DIR"))
			fputs("COMPREPLY=($(compgen -d -- \"$cur\")) ;;\n", out);
		else if (*arg && !strstr(arg, "NAME"))   /* FILE, PART...: paths */
			fputs("COMPREPLY=($(compgen -f -- \"$cur\")) ;;\n", out);
		else
			fputs(";;\n", out);
	}
	fputs("                esac\n"
	      "            fi\n"
	      "            ;;\n"
	      "    esac\n"
	      "}\n"
	      "complete -o filenames -F _strata strata\n", out);
	return 0;
}

/* Write s inside a zsh single-quoted word: ' becomes '\'' and [ ] : are escaped. */
static void zsh_quote(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", out);
		else if (*s == '[' || *s == ']' || *s == ':')
			fprintf(out, "\\%c", *s);
		else
			fputc(*s, out);
	}
}

/* One _arguments spec per option of a command set. */
static void zsh_specs(FILE *out, unsigned bit)
{
	for (int id = 0; id < OPT_COUNT; id++) {
		const struct strata_option_row *r = &strata_option_rows[id];
		if (!(r->cmds & bit))
			continue;
		const char *repeat = r->kind == STRATA_KIND_LIST ? "*" : "";
		const char *eq = r->kind == STRATA_KIND_FLAG ? "" : "=";
		for (int form = 0; form < (r->shrt ? 2 : 1); form++) {
			fprintf(out, "        '%s", repeat);
			if (form == 1)
				fprintf(out, "-%c%s", r->shrt, r->kind == STRATA_KIND_FLAG ? "" : "+");
			else
				fprintf(out, "--%s%s", r->lng, eq);
			fputc('[', out);
			zsh_quote(out, r->help);
			fputc(']', out);
			if (r->kind == STRATA_KIND_ENUM) {
				fputs(":value:(", out);
				for (const char *p = r->values; *p; p++)
					fputc(*p == '|' ? ' ' : *p, out);
				fputc(')', out);
			} else if (r->kind != STRATA_KIND_FLAG) {
				fprintf(out, ":%s:", r->arg);
				if (strcmp(r->arg, "DIR") == 0)
					fputs("_files -/", out);
				else if (strcmp(r->arg, "FILE") == 0)
					fputs("_files", out);
				else
					fputs(" ", out);
			}
			fputs("' \\\n", out);
		}
	}
}

/* Zsh completion. */
static int gen_zsh(FILE *out)
{
	fputs("#compdef strata\n"
	      "# zsh completion for strata, made by strata-gendoc from dig/cli/options.def.\n"
	      "_strata() {\n"
	      "    local -a commands\n"
	      "    commands=(\n", out);
	for (int c = 1; c < STRATA_CMD_COUNT; c++) {
		fprintf(out, "        '%s:", strata_command_rows[c].word);
		zsh_quote(out, strata_command_rows[c].help);
		fputs("'\n", out);
	}
	fputs("    )\n"
	      "    if (( CURRENT == 2 )); then\n"
	      "        _describe command commands\n"
	      "        return\n"
	      "    fi\n"
	      "    local cmd=$words[2]\n"
	      "    shift words\n"
	      "    (( CURRENT-- ))\n"
	      "    case $cmd in\n", out);
	for (int c = 1; c < STRATA_CMD_COUNT; c++) {
		const char *arg = strata_command_rows[c].arg;
		fprintf(out, "    %s)\n        _arguments -s \\\n", strata_command_rows[c].word);
		zsh_specs(out, 1u << c);
		if (*arg) {
			int opt = *arg == '[', many = strstr(arg, "...") != NULL;
			size_t len = strlen(arg) - (opt ? 2 : 0) - (many ? 3 : 0);
			/* 1:NAME:action, 1::NAME:action (optional), *:NAME:action (any number) */
			fprintf(out, "        '%s:%.*s:%s'\n", many ? "*" : opt ? "1:" : "1", (int)len, arg + opt,
			        strstr(arg, "DIR") ? "_files -/" : strstr(arg, "NAME") ? " " : "_files");
		} else
			fputs("        \n", out);
		fputs("        ;;\n", out);
	}
	fputs("    esac\n"
	      "}\n"
	      "_strata \"$@\"\n", out);
	return 0;
}

int main(int argc, char **argv)
{
	const char *what = argc > 1 ? argv[1] : "";
	const char *path = strcmp(what, "man") == 0 ? (argc == 4 ? argv[3] : NULL) : (argc == 3 ? argv[2] : NULL);
	char tmp[4096];
	FILE *out;
	int rc;

	if (!path || (strcmp(what, "man") && strcmp(what, "bash") && strcmp(what, "zsh"))) {
		fprintf(stderr, "usage: strata-gendoc man TEMPLATE OUT | bash OUT | zsh OUT\n");
		return 1;
	}
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	out = fopen(tmp, "w");
	if (!out) {
		fprintf(stderr, "strata-gendoc: %s: %s\n", tmp, strerror(errno));
		return 2;
	}
	if (strcmp(what, "man") == 0)
		rc = gen_man(argv[2], out);
	else if (strcmp(what, "bash") == 0)
		rc = gen_bash(out);
	else
		rc = gen_zsh(out);
	if (fclose(out) != 0 || rc != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "strata-gendoc: %s: could not be written\n", path);
		remove(tmp);
		return 2;
	}
	return 0;
}

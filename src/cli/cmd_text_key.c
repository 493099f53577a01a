/*
 * cmd_text_key.c: `cccd text key TEXT... [--json]`: shows how cccd normalises a Vietnamese
 * name or place: NFC, cleaned spaces, title case, and the diacritic-free search key under
 * which "Nguyễn Văn Thân" and "NGUYEN VAN THAN" meet.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/text.h"

static const cli_cmd cmd = {
    "text key",
    "text key TEXT... [--json]\n"
    "  Prints the cleaned form (NFC, Vietnamese mark order repaired, spaces collapsed), the\n"
    "  name form (title case) and the search key (no diacritics, Đ -> d, lower case) of TEXT.\n"
    "  Several arguments are joined with a space. Invalid UTF-8 is refused with the byte\n"
    "  position.",
    1, 64};

int cmd_text_key(int argc, char **argv) {
    const char *args[64];
    bool json = false;
    const cli_opt opts[] = {{"--json", NULL, &json}, {NULL, NULL, NULL}};
    int nargs, rc = cli_parse(&cmd, argc, argv, opts, args, &nargs);
    if (rc >= 0)
        return rc;
    size_t n = 0;
    for (int i = 0; i < nargs; i++)
        n += strlen(args[i]) + 1;
    char *text = malloc(n + 1);
    if (text == NULL)
        return cli_failf("out of memory");
    text[0] = '\0';
    for (int i = 0; i < nargs; i++) {
        if (i)
            strcat(text, " ");
        strcat(text, args[i]);
    }
    n = strlen(text);
    cccd_err err;
    char *clean = NULL, *title = NULL, *key = NULL;
    if (cccd_text_clean(text, n, "text", &clean, &err) != CCCD_OK ||
        cccd_text_title(text, n, "text", &title, &err) != CCCD_OK ||
        cccd_text_key(text, n, "text", &key, &err) != CCCD_OK) {
        free(clean);
        free(title);
        free(text);
        return cli_fail(&err);
    }
    free(text);
    if (json)
        cli_print_json(json_pack("{s:s,s:s,s:s}", "clean", clean, "name", title, "key", key));
    else
        printf("clean: %s\nname:  %s\nkey:   %s\n", clean, title, key);
    free(clean);
    free(title);
    free(key);
    return CLI_OK;
}

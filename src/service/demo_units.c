/*
 * demo_units.c: the generated unit list of the demo (see demo_units.h), built with jansson.
 */
#include "service/demo_units.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define COMMUNES_PER_DISTRICT 12

char *cccd_demo_units_json_new(size_t *len) {
    static const struct {
        const char *code, *name, *type;
    } districts[] = {
        {"336", "Thành phố Thái Bình", "Thành phố"}, {"338", "Huyện Quỳnh Phụ", "Huyện"},
        {"339", "Huyện Hưng Hà", "Huyện"},           {"340", "Huyện Đông Hưng", "Huyện"},
        {"341", "Huyện Thái Thụy", "Huyện"},         {"342", "Huyện Tiền Hải", "Huyện"},
        {"343", "Huyện Kiến Xương", "Huyện"},        {"344", "Huyện Vũ Thư", "Huyện"},
    };
    json_t *l2 = json_array();
    for (size_t d = 0; d < sizeof districts / sizeof districts[0]; d++) {
        json_t *l3 = json_array();
        bool city = strcmp(districts[d].type, "Thành phố") == 0;
        for (int c = 0; c < COMMUNES_PER_DISTRICT; c++) {
            char code[16], name[160];
            snprintf(code, sizeof code, "%05d", 12400 + (int)d * 50 + c);
            /* "Huyện Quỳnh Phụ" -> "Xã Quỳnh Phụ 3 (mẫu)" */
            const char *short_name = strchr(districts[d].name, ' ');
            short_name = short_name && !city ? short_name + 1 : "Thái Bình";
            snprintf(name, sizeof name, "%s %s %d (mẫu)", city ? "Phường" : "Xã", short_name,
                     c + 1);
            json_array_append_new(l3, json_pack("{s:s,s:s,s:s}", "level3_id", code, "name", name,
                                                "type", city ? "Phường" : "Xã"));
        }
        json_array_append_new(l2, json_pack("{s:s,s:s,s:s,s:o}", "level2_id", districts[d].code,
                                            "name", districts[d].name, "type", districts[d].type,
                                            "level3s", l3));
    }
    json_t *root = json_pack("{s:[{s:s,s:s,s:s,s:o}]}", "data", "level1_id", "34", "name",
                             "Tỉnh Thái Bình", "type", "Tỉnh", "level2s", l2);
    char *s = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    if (s && len)
        *len = strlen(s);
    return s;
}

/*
 * province.c: the one table of the 63 birth-registration province codes used in personal ID
 * numbers (see province.h and ../shared/notes/vn-cccd.md).
 */
#include "core/province.h"

#include <string.h>

static const cccd_province provinces[] = {
    {"001", "Hà Nội"},          {"002", "Hà Giang"},    {"004", "Cao Bằng"},
    {"006", "Bắc Kạn"},         {"008", "Tuyên Quang"}, {"010", "Lào Cai"},
    {"011", "Điện Biên"},       {"012", "Lai Châu"},    {"014", "Sơn La"},
    {"015", "Yên Bái"},         {"017", "Hòa Bình"},    {"019", "Thái Nguyên"},
    {"020", "Lạng Sơn"},        {"022", "Quảng Ninh"},  {"024", "Bắc Giang"},
    {"025", "Phú Thọ"},         {"026", "Vĩnh Phúc"},   {"027", "Bắc Ninh"},
    {"030", "Hải Dương"},       {"031", "Hải Phòng"},   {"033", "Hưng Yên"},
    {"034", "Thái Bình"},       {"035", "Hà Nam"},      {"036", "Nam Định"},
    {"037", "Ninh Bình"},       {"038", "Thanh Hóa"},   {"040", "Nghệ An"},
    {"042", "Hà Tĩnh"},         {"044", "Quảng Bình"},  {"045", "Quảng Trị"},
    {"046", "Thừa Thiên Huế"},  {"048", "Đà Nẵng"},     {"049", "Quảng Nam"},
    {"051", "Quảng Ngãi"},      {"052", "Bình Định"},   {"054", "Phú Yên"},
    {"056", "Khánh Hòa"},       {"058", "Ninh Thuận"},  {"060", "Bình Thuận"},
    {"062", "Kon Tum"},         {"064", "Gia Lai"},     {"066", "Đắk Lắk"},
    {"067", "Đắk Nông"},        {"068", "Lâm Đồng"},    {"070", "Bình Phước"},
    {"072", "Tây Ninh"},        {"074", "Bình Dương"},  {"075", "Đồng Nai"},
    {"077", "Bà Rịa–Vũng Tàu"}, {"079", "Hồ Chí Minh"}, {"080", "Long An"},
    {"082", "Tiền Giang"},      {"083", "Bến Tre"},     {"084", "Trà Vinh"},
    {"086", "Vĩnh Long"},       {"087", "Đồng Tháp"},   {"089", "An Giang"},
    {"091", "Kiên Giang"},      {"092", "Cần Thơ"},     {"093", "Hậu Giang"},
    {"094", "Sóc Trăng"},       {"095", "Bạc Liêu"},    {"096", "Cà Mau"},
};

size_t cccd_province_count(void) {
    return sizeof provinces / sizeof provinces[0];
}

const cccd_province *cccd_province_at(size_t i) {
    return i < cccd_province_count() ? &provinces[i] : NULL;
}

const cccd_province *cccd_province_by_prefix(const char *prefix3) {
    if (prefix3 == NULL)
        return NULL;
    /* the table is sorted by code: binary search */
    size_t lo = 0, hi = cccd_province_count();
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(provinces[mid].id_prefix, prefix3, 3);
        if (c == 0)
            return &provinces[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

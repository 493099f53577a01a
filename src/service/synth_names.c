/*
 * synth_names.c: the word tables of the synthetic population: family names with their
 * frequencies, middle and given names by sex, ethnic groups, religions and street names.
 *
 * Why a file of its own: the tables are data, long and easy to review apart from the code that
 * draws from them. Weights are relative. Family names follow the usual estimates of their
 * shares (Nguyễn ~38%, Trần ~11%, Lê ~9.5%, Phạm ~7%, Hoàng+Huỳnh ~5%, Phan ~4.5%, Vũ+Võ ~3.9%,
 * Đặng ~2.1%, Bùi ~2%, Đỗ ~1.4%, Hồ ~1.3%, Ngô ~1.3%, Dương ~1%, Lý ~0.5%, then the rest);
 * ethnic groups and religions follow the 2019 census shares roughly. All text is UTF-8 NFC.
 */
#include "service/synth_internal.h"

static const synth_word family[] = {
    {"Nguyễn", 3800}, {"Trần", 1100}, {"Lê", 950},    {"Phạm", 700}, {"Hoàng", 290}, {"Huỳnh", 210},
    {"Phan", 450},    {"Vũ", 220},    {"Võ", 170},    {"Đặng", 210}, {"Bùi", 200},   {"Đỗ", 140},
    {"Hồ", 130},      {"Ngô", 130},   {"Dương", 100}, {"Lý", 50},    {"Đinh", 90},   {"Đào", 90},
    {"Trịnh", 80},    {"Mai", 70},    {"Trương", 80}, {"Lâm", 60},   {"Phùng", 50},  {"Lương", 60},
    {"Tạ", 40},       {"Hà", 60},     {"Cao", 50},    {"Lưu", 40},   {"Tô", 40},     {"Chu", 30},
    {"Vương", 30},    {"Kiều", 20},   {"Tăng", 20},   {"Thái", 30},  {"Châu", 30},   {"Quách", 20},
    {"Triệu", 30},    {"Hứa", 20},    {"La", 20},     {"Mạc", 20},   {"Doãn", 10},   {"Khúc", 10},
    {"Đoàn", 50},     {"Nông", 20},   {"Lò", 10},
};

static const synth_word middle_m[] = {
    {"Văn", 3500}, {"Đức", 800},   {"Minh", 900}, {"Hữu", 500},   {"Quang", 500},
    {"Công", 400}, {"Thành", 400}, {"Ngọc", 300}, {"Xuân", 300},  {"Đình", 500},
    {"Tiến", 200}, {"Hoàng", 300}, {"Anh", 300},  {"Trung", 200}, {"Gia", 300},
    {"Bảo", 200},  {"Duy", 200},   {"Mạnh", 150}, {"Thanh", 250}, {"Quốc", 300},
    {"Việt", 150}, {"Hải", 150},   {"Tuấn", 100}, {"Khắc", 100},  {"Trọng", 150},
};

static const synth_word middle_f[] = {
    {"Thị", 5000},  {"Ngọc", 800},   {"Thu", 500},  {"Thanh", 500}, {"Minh", 300},
    {"Kim", 300},   {"Phương", 300}, {"Hồng", 300}, {"Mai", 200},   {"Bảo", 300},
    {"Khánh", 200}, {"Hoài", 150},   {"Thùy", 200}, {"Diệu", 100},  {"Quỳnh", 150},
    {"Hải", 100},   {"Tuyết", 100},  {"Như", 150},  {"Thảo", 100},  {"Yến", 100},
};

static const synth_word given_m[] = {
    {"Anh", 300},  {"Dũng", 250},  {"Hùng", 250},  {"Tuấn", 300},  {"Minh", 300},  {"Hải", 200},
    {"Nam", 250},  {"Long", 200},  {"Hoàng", 150}, {"Quân", 200},  {"Huy", 250},   {"Khoa", 120},
    {"Đức", 200},  {"Thắng", 150}, {"Sơn", 200},   {"Phong", 120}, {"Trung", 150}, {"Cường", 150},
    {"Bình", 150}, {"Tùng", 150},  {"Hiếu", 150},  {"Thành", 200}, {"Kiên", 100},  {"Việt", 120},
    {"Phúc", 120}, {"Tâm", 100},   {"Lâm", 100},   {"Toàn", 100},  {"Duy", 120},   {"Khánh", 120},
    {"Vinh", 120}, {"Hưng", 150},  {"Lộc", 100},   {"Tài", 100},   {"Nghĩa", 100}, {"Quang", 120},
    {"Đạt", 150},  {"Bảo", 120},   {"Khang", 100}, {"Khôi", 100},  {"Thịnh", 100}, {"Hậu", 80},
    {"Tiến", 100}, {"Thuận", 80},  {"Lợi", 60},    {"Tú", 80},     {"Trí", 80},    {"Hòa", 80},
    {"Chiến", 80}, {"Công", 60},   {"Định", 50},   {"Giang", 60},  {"Hiệp", 60},   {"Lực", 50},
    {"Mạnh", 80},  {"Nhân", 80},   {"Phát", 80},   {"Quý", 60},    {"Tân", 60},    {"Thiện", 60},
    {"Vũ", 80},    {"Xuân", 50},   {"An", 100},    {"Đông", 50},   {"Thái", 50},   {"Trường", 60},
};

static const synth_word given_f[] = {
    {"Linh", 300},  {"Hương", 250}, {"Lan", 200},   {"Hoa", 200},    {"Trang", 250}, {"Huyền", 200},
    {"Ngọc", 150},  {"Mai", 200},   {"Thảo", 200},  {"Hằng", 200},   {"Nga", 150},   {"Hà", 200},
    {"Thủy", 200},  {"Yến", 150},   {"Anh", 250},   {"Phương", 200}, {"Nhung", 150}, {"Loan", 120},
    {"Hạnh", 150},  {"Dung", 150},  {"Vân", 150},   {"Hiền", 150},   {"Thư", 150},   {"Vy", 120},
    {"Nhi", 120},   {"Trâm", 100},  {"Quỳnh", 120}, {"Uyên", 100},   {"My", 100},    {"Châu", 80},
    {"Oanh", 80},   {"Liên", 100},  {"Tuyết", 80},  {"Xuân", 80},    {"Thu", 100},   {"Ánh", 80},
    {"Giang", 100}, {"Diệp", 50},   {"Thanh", 100}, {"Hồng", 120},   {"Lệ", 60},     {"Nhàn", 60},
    {"Thoa", 60},   {"Tâm", 80},    {"Duyên", 80},  {"Lành", 40},    {"Hậu", 60},    {"Ly", 80},
    {"Chi", 100},   {"Ngân", 100},  {"Quyên", 60},  {"Tú", 50},      {"Vi", 60},     {"Hải", 50},
};

static const synth_word ethnicity[] = {
    {"Kinh", 85300},  {"Tày", 1920},    {"Thái", 1840},    {"Mường", 1510},       {"Hmông", 1470},
    {"Khmer", 1370},  {"Nùng", 1100},   {"Dao", 930},      {"Hoa", 780},          {"Gia Rai", 530},
    {"Ê Đê", 410},    {"Ba Na", 300},   {"Sán Chay", 210}, {"Chăm", 190},         {"Cơ Ho", 210},
    {"Xơ Đăng", 220}, {"Sán Dìu", 190}, {"Hrê", 150},      {"Ra Glai", 150},      {"Mnông", 130},
    {"Thổ", 95},      {"Xtiêng", 100},  {"Khơ Mú", 95},    {"Bru Vân Kiều", 100}, {"Cơ Tu", 75},
    {"Giáy", 70},     {"Tà Ôi", 55},    {"Mạ", 55},        {"Giẻ Triêng", 65},    {"Co", 40},
    {"Chơ Ro", 30},   {"Xinh Mun", 30}, {"Hà Nhì", 25},    {"Chu Ru", 25},        {"Lào", 17},
    {"La Chí", 16},   {"Kháng", 16},    {"Phù Lá", 12},    {"La Hủ", 12},         {"La Ha", 10},
    {"Pà Thẻn", 8},   {"Lự", 7},        {"Ngái", 1},       {"Chứt", 8},           {"Lô Lô", 5},
    {"Mảng", 5},      {"Cơ Lao", 4},    {"Bố Y", 3},       {"Cống", 2},           {"Si La", 1},
    {"Pu Péo", 1},    {"Rơ Măm", 1},    {"Brâu", 1},       {"Ơ Đu", 1},
};

static const synth_word religion[] = {
    {"Không", 8600},  {"Công giáo", 612},         {"Phật giáo", 484},
    {"Tin lành", 98}, {"Phật giáo Hòa Hảo", 101}, {"Cao Đài", 57},
    {"Hồi giáo", 1},  {"Bửu Sơn Kỳ Hương", 1},    {"Tịnh độ cư sĩ Phật hội Việt Nam", 2},
};

static const synth_word street[] = {
    {"Lê Lợi", 10},
    {"Trần Hưng Đạo", 10},
    {"Nguyễn Trãi", 10},
    {"Hai Bà Trưng", 10},
    {"Quang Trung", 10},
    {"Lý Thường Kiệt", 10},
    {"Lê Duẩn", 8},
    {"Nguyễn Huệ", 8},
    {"Điện Biên Phủ", 8},
    {"Hùng Vương", 10},
    {"Phan Chu Trinh", 6},
    {"Phan Bội Châu", 6},
    {"Nguyễn Du", 8},
    {"Lê Thánh Tông", 6},
    {"Bà Triệu", 6},
    {"Võ Thị Sáu", 6},
    {"Nguyễn Văn Cừ", 6},
    {"Trường Chinh", 8},
    {"Lê Hồng Phong", 8},
    {"Ngô Quyền", 8},
    {"Lý Thái Tổ", 6},
    {"Tôn Đức Thắng", 6},
    {"Cách Mạng Tháng Tám", 6},
    {"Độc Lập", 4},
    {"Thống Nhất", 4},
    {"Hòa Bình", 4},
    {"Chu Văn An", 6},
    {"Nguyễn Thị Minh Khai", 6},
    {"Lạc Long Quân", 4},
    {"Âu Cơ", 4},
    {"Yết Kiêu", 4},
    {"Đinh Tiên Hoàng", 6},
};

typedef struct table_ref {
    const synth_word *w;
    size_t n;
} table_ref;

#define REF(a)                                                                                     \
    { a, sizeof a / sizeof a[0] }

static const table_ref tables[SYNTH_TABLES] = {
    [SYNTH_FAMILY] = REF(family),     [SYNTH_MIDDLE_M] = REF(middle_m),
    [SYNTH_MIDDLE_F] = REF(middle_f), [SYNTH_GIVEN_M] = REF(given_m),
    [SYNTH_GIVEN_F] = REF(given_f),   [SYNTH_ETHNICITY] = REF(ethnicity),
    [SYNTH_RELIGION] = REF(religion), [SYNTH_STREET] = REF(street),
};

const synth_word *synth_table(synth_table_id id, size_t *n) {
    *n = tables[id].n;
    return tables[id].w;
}

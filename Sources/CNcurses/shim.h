#ifndef INTERLEAVE_CNCURSES_SHIM_H
#define INTERLEAVE_CNCURSES_SHIM_H

/* SwiftPM drops pkg-config's -D_XOPEN_SOURCE: ask for the wide API here. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#include <wchar.h>

/* ncurses macros and globals do not import into Swift: wrap them. */
static inline WINDOW *il_stdscr(void) { return stdscr; }
static inline int il_lines(void) { return LINES; }
static inline int il_cols(void) { return COLS; }
static inline int il_colors(void) { return COLORS; }
static inline int il_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t il_a_normal(void) { return A_NORMAL; }
static inline attr_t il_a_bold(void) { return A_BOLD; }
static inline attr_t il_a_dim(void) { return A_DIM; }
static inline attr_t il_a_reverse(void) { return A_REVERSE; }
static inline attr_t il_a_underline(void) { return A_UNDERLINE; }
static inline int il_key_resize(void) { return KEY_RESIZE; }
static inline int il_key_btab(void) { return KEY_BTAB; }
static inline int il_key_npage(void) { return KEY_NPAGE; }
static inline int il_key_ppage(void) { return KEY_PPAGE; }
static inline int il_key_up(void) { return KEY_UP; }
static inline int il_key_down(void) { return KEY_DOWN; }
static inline int il_key_enter(void) { return KEY_ENTER; }
static inline int il_key_code_yes(void) { return KEY_CODE_YES; }
static inline int il_err(void) { return ERR; }
static inline int il_key_mouse(void) { return KEY_MOUSE; }

/* Clicks and the wheel reported as KEY_MOUSE (shift-click stays the terminal's). */
static inline void il_mouse_on(void) {
  mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
  mouseinterval(0);
}

/* The pending mouse event: 1 with its cell and kind (1 click, 4 wheel up,
   5 wheel down, 0 other), or 0 when there is none. */
static inline int il_get_mouse(int *x, int *y, int *kind) {
  MEVENT event;
  if (getmouse(&event) != OK) return 0;
  *x = event.x;
  *y = event.y;
  *kind = (event.bstate & BUTTON1_PRESSED) ? 1
        : (event.bstate & BUTTON4_PRESSED) ? 4
        : (event.bstate & BUTTON5_PRESSED) ? 5 : 0;
  return 1;
}

/* Draws `count` wide characters at (y, x) with one attribute and colour pair. */
static inline int il_put(WINDOW *win, int y, int x, const wchar_t *text, int count, attr_t attrs, int pair) {
  wattr_set(win, attrs, (short)pair, NULL);
  return mvwaddnwstr(win, y, x, text, count);
}

/* Reads one key; returns ERR, OK (character) or KEY_CODE_YES (function key). */
static inline int il_get_key(WINDOW *win, int *out) {
  wint_t key = 0;
  int status = wget_wch(win, &key);
  *out = (int)key;
  return status;
}

#endif

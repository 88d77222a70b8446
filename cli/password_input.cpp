// SPDX-License-Identifier: MIT
#include "password_input.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace fieldbook::cli {

namespace {
/// The terminal's echo off for the object's lifetime (POSIX termios).
class EchoOff {
  public:
    EchoOff() {
        if (tcgetattr(STDIN_FILENO, &saved_) == 0) {
            termios quiet = saved_;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            quiet.c_lflag |= ECHONL; // the Enter still moves to the next line
            active_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~EchoOff() {
        if (active_) {
            tcsetattr(STDIN_FILENO, TCSANOW, &saved_);
        }
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

  private:
    termios saved_{};
    bool active_ = false;
};
} // namespace

std::string readPassword(std::istream& in, std::ostream& err, const std::string& prompt) {
    std::string password;
    if (&in == &std::cin && isatty(STDIN_FILENO) != 0) {
        EchoOff quiet; // before the prompt: what is typed after it never shows
        err << prompt << std::flush;
        std::getline(in, password);
    } else {
        std::getline(in, password);
    }
    if (!password.empty() && password.back() == '\r') {
        password.pop_back();
    }
    return password;
}

} // namespace fieldbook::cli

// Runs the real kb binaries from tests: to completion (Run) or in the background (Background).
// Output goes to files so a test can read it at any time without pipes filling up.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/temp_dir.h"

extern char** environ;

namespace kb::testing {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class Background {
 public:
  explicit Background(const std::vector<std::string>& argv) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path().c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_path().c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    if (posix_spawn(&pid_, args[0], &actions, nullptr, args.data(), environ) != 0) pid_ = -1;
    posix_spawn_file_actions_destroy(&actions);
  }
  ~Background() {
    if (pid_ > 0 && !exited_) {
      ::kill(pid_, SIGKILL);
      Wait();
    }
  }

  std::string out() const { return ReadFile(out_path()); }
  std::string err() const { return ReadFile(err_path()); }

  // Waits up to `timeout` for `text` to appear on stdout.
  bool WaitForOutput(const std::string& text, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (out().find(text) != std::string::npos) return true;
      if (HasExited()) return out().find(text) != std::string::npos;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }

  bool HasExited() {
    if (exited_) return true;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) Record(status);
    return exited_;
  }
  void Signal(int sig) { ::kill(pid_, sig); }
  // Waits for the process to end and returns its exit code (128 + signal if killed).
  int Wait() {
    if (!exited_) {
      int status = 0;
      ::waitpid(pid_, &status, 0);
      Record(status);
    }
    return exit_code_;
  }
  bool started() const { return pid_ > 0; }

 private:
  void Record(int status) {
    exited_ = true;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }
  std::string out_path() const { return dir_ / "stdout"; }
  std::string err_path() const { return dir_ / "stderr"; }

  TempDir dir_;
  pid_t pid_ = -1;
  bool exited_ = false;
  int exit_code_ = -1;
};

struct RunResult {
  int exit_code;
  std::string out;
  std::string err;
};

// Runs a command to completion.
inline RunResult RunCommand(const std::vector<std::string>& argv) {
  Background process(argv);
  const int code = process.Wait();
  return {code, process.out(), process.err()};
}

}  // namespace kb::testing

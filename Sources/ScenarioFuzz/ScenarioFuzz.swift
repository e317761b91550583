// SPDX-License-Identifier: GPL-3.0-or-later

import Foundation
import Runs

/// The fuzz target of the scenario loader and `--set` (libFuzzer, `scripts/fuzz`).
///
/// Built with `-sanitize=fuzzer -D FUZZING`, `main` hands control to libFuzzer's driver, which
/// calls ``fuzzOneInput(_:_:)`` with each input it makes. Built normally, this is a replay tool:
/// `ScenarioFuzz FILE…` runs each file through the same check and prints its verdict, which is
/// how a crash the fuzzer saved is reproduced under a debugger.
@main
enum ScenarioFuzz {
    static func main() {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
        #else
        for path in CommandLine.arguments.dropFirst() {
            guard let data = FileManager.default.contents(atPath: path) else {
                print("\(path): cannot read")
                continue
            }
            switch ScenarioCheck.check(data) {
            case .valid: print("\(path): valid")
            case .refused(let message): print("\(path): refused: \(message)")
            }
        }
        #endif
    }
}

/// One input: every check of `parley validate` (``ScenarioCheck/check(_:)``); returns 0 as libFuzzer asks.
func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = ScenarioCheck.check(UnsafeBufferPointer(start: data, count: size))
    return 0
}

#if FUZZING
/// libFuzzer's entry for a program with its own `main` (LLVM ≥ 11), from the fuzzer runtime.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt
#endif

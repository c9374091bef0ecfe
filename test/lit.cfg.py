# lit configuration for Shade's FileCheck tests.
import os

import lit.formats

config.name = "Shade"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir", ".json", ".test"]
config.excludes = ["lit.cfg.py", "lit.site.cfg.py", "unit", "Inputs"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.shade_obj_root, "test")

tool_dirs = [os.path.join(config.shade_obj_root, "bin"), config.llvm_tools_dir]
config.environment["PATH"] = os.pathsep.join(
    tool_dirs + [config.environment.get("PATH", os.environ.get("PATH", ""))]
)
config.substitutions.append(("%{shade_src_root}", config.shade_src_root))
config.substitutions.append(("%{shade_obj_root}", config.shade_obj_root))

# lit configuration that runs Shade's GoogleTest binaries, one lit test per
# GoogleTest case.
import os

import lit.formats

config.name = "Shade-Unit"
config.test_format = lit.formats.GoogleTest(".", "Tests")
config.test_source_root = os.path.join(config.shade_obj_root, "test", "unit")
config.test_exec_root = config.test_source_root

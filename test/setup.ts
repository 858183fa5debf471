import "cdktf/lib/testing/adapters/jest";
import { Testing } from "../modules/core/cdktf";

process.env.CHECKPOINT_DISABLE = "1";
Testing.setupJest();

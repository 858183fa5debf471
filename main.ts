import { App } from "./modules/core/cdktf";
import { buildDefaultApp } from "./stacks/default-app";

const app = new App();
buildDefaultApp(app);
app.synth();

import SilhouetteCLI

await SilhouetteMain.run()

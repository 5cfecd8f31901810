// Placeholder so the target builds until the module's tests land; delete when adding real tests.

-- Registers `:CstackBuildParser` as soon as the plugin is on the runtimepath,
-- whether or not `setup()` is called.
if vim.g.loaded_cstack then
  return
end
vim.g.loaded_cstack = 1
require('cstack.parser').register_command()

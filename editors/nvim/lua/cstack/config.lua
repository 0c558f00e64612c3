-- The one description of how to run cstack-lsp, shared by `lsp/cstack.lua`
-- (Neovim 0.11+) and `require('cstack').setup()` (older versions).
local M = {}

-- A workspace is the nearest directory holding one of these; the server loads
-- every `*.cstack` below it.
M.root_markers = { '.git', 'Cargo.toml' }

function M.defaults()
  return {
    cmd = { 'cstack-lsp' },
    filetypes = { 'cstack' },
    root_markers = vim.deepcopy(M.root_markers),
  }
end

-- The workspace root for a file: the nearest ancestor directory that holds a
-- root marker, else the file's own directory. Written with `findfile` and
-- `finddir` because `vim.fs` only exists from Neovim 0.8 on.
function M.find_root(path, markers)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local best
  for _, marker in ipairs(markers or M.root_markers) do
    local found = vim.fn.finddir(marker, dir .. ';')
    if found == '' then
      found = vim.fn.findfile(marker, dir .. ';')
    end
    if found ~= '' then
      local root = vim.fn.fnamemodify(found, ':p:h')
      -- `finddir` gives the marker itself with a trailing separator.
      if vim.fn.isdirectory(found) == 1 then
        root = vim.fn.fnamemodify(vim.fn.fnamemodify(found, ':p'):gsub('[/\\]$', ''), ':h')
      end
      if best == nil or #root > #best then
        best = root
      end
    end
  end
  return best or dir
end

return M

// Material's inline <head> script (partials/javascripts/base.html of mkdocs-material 9.8.1),
// moved into a file so that the Content-Security-Policy can forbid every inline script.
// The scope URL, inline in Material, comes from the script element's data-md-scope.
__md_scope=new URL(document.currentScript.dataset.mdScope,location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}};
